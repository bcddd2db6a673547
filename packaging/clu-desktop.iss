; CLU Desktop: a per-user installer for Windows, no administrator rights needed.
;
; Build the one-folder bundle first (on Windows: pyinstaller build.spec, which writes
; dist\clu-desktop\clu-desktop.exe and its files), then compile this script with Inno
; Setup 6.3 or newer, from the repository's root folder:
;
;   iscc packaging\clu-desktop.iss
;   iscc /DAppVersion=0.2.0 packaging\clu-desktop.iss   (another version)
;
; The installer is written to dist\installer\. See docs\windows-install.md.
;
; The program goes to %LOCALAPPDATA%\Programs\CLU Desktop. The user's data
; (%LOCALAPPDATA%\clu-desktop: the database, its backups, the log) is the application's,
; not the installer's: uninstalling leaves it where it is.

#ifndef AppVersion
  ; Keep equal to clu_desktop/__init__.py's __version__ (tests/test_windows_install.py).
  #define AppVersion "0.1.0"
#endif
#define AppName "CLU Desktop"
#define AppExeName "clu-desktop.exe"
#define AppPublisher "CLU Desktop"

[Setup]
; Identifies the application for upgrades and uninstallation: never change it.
AppId={{A1733461-821C-43B7-B7D0-8E383B53B236}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher={#AppPublisher}
AppComments=Comité local des usagers : annuaire, séances, émargement, qualité et comptes-rendus, hors ligne.
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription=Installation de {#AppName}
; Per user, without administrator rights: no elevation is ever asked for.
PrivilegesRequired=lowest
DefaultDirName={localappdata}\Programs\{#AppName}
DisableProgramGroupPage=yes
UninstallDisplayIcon={app}\{#AppExeName}
UninstallDisplayName={#AppName}
SetupIconFile=..\resources\icons\clu-desktop.ico
; The bundle is built by a 64-bit Python.
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir=..\dist\installer
OutputBaseFilename=clu-desktop-{#AppVersion}-installation
Compression=lzma2
SolidCompression=yes
WizardStyle=modern
ShowLanguageDialog=no

[Languages]
Name: "french"; MessagesFile: "compiler:Languages\French.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
; The whole one-folder bundle, as PyInstaller wrote it.
Source: "..\dist\clu-desktop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
; In non administrative install mode {autoprograms} and {autodesktop} are the user's own
; Start menu and desktop.
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExeName}"; WorkingDir: "{app}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExeName}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent

; No [UninstallDelete] section: the uninstaller removes only the files it installed.
; The data folder %LOCALAPPDATA%\clu-desktop stays, with the database and its backups.
