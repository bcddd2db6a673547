"""A SQLite file on a network share is refused, with advice to use the shared mode."""

from __future__ import annotations

import sys

import pytest

from clu_desktop.cli import main
from clu_desktop.errors import DatabaseError
from clu_desktop.store import network
from clu_desktop.store.migrate import open_database
from clu_desktop.store.network import linux_filesystem_type, windows_path_is_remote

MOUNTINFO = r"""
22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw,errors=remount-ro
25 22 0:23 / /dev/shm rw,nosuid,nodev shared:3 - tmpfs tmpfs rw
40 22 0:45 / /mnt/partage rw,relatime shared:20 - cifs //srv-pref/qualite rw,vers=3.1.1
41 40 8:17 / /mnt/partage/local rw,relatime shared:21 - ext4 /dev/sdb1 rw
42 22 0:46 / /home/dupont/Mes\040documents rw,relatime - nfs4 srv:/home/dupont rw
43 22 0:47 / /media/dupont/serveur rw,nosuid,nodev - fuse.sshfs dupont@srv:/ rw
44 22 0:48 / /run/user/1000/gvfs rw,nosuid,nodev - fuse.gvfsd-fuse gvfsd-fuse rw
45 22 0:49 / /srv/donnees rw - nfs srv:/donnees rw
46 22 8:33 / /srv/donnees rw - ext4 /dev/sdc1 rw
47 22 0:50 / /mnt/wsl rw,noatime - 9p drvfs rw
a line that is not one
""".splitlines()


@pytest.mark.parametrize(
    ("path", "kind"),
    [
        ("/home/dupont/clu.sqlite", "ext4"),
        ("/mnt/partage/clu.sqlite", "cifs"),
        ("/mnt/partage", "cifs"),
        ("/mnt/partage/local/clu.sqlite", "ext4"),  # a local disk mounted inside the share
        ("/mnt/partagee/clu.sqlite", "ext4"),  # a longer name is not inside /mnt/partage
        ("/home/dupont/Mes documents/CLU/clu.sqlite", "nfs4"),  # \040 is a space
        ("/media/dupont/serveur/clu.sqlite", "fuse.sshfs"),
        ("/run/user/1000/gvfs/smb-share:server=srv,share=clu/clu.sqlite", "fuse.gvfsd-fuse"),
        ("/srv/donnees/clu.sqlite", "ext4"),  # mounted over the NFS share: the later wins
        ("/mnt/wsl/clu.sqlite", "9p"),
    ],
)
def test_the_longest_mount_point_gives_the_file_system(path, kind):
    assert linux_filesystem_type(path, MOUNTINFO) == kind


@pytest.mark.parametrize(
    ("kind", "remote"),
    [
        ("ext4", False),
        ("tmpfs", False),
        ("btrfs", False),
        ("cifs", True),
        ("smb3", True),
        ("nfs", True),
        ("NFS4", True),
        ("fuse.sshfs", True),
        ("9p", True),
        (None, False),
    ],
)
def test_network_file_systems(kind, remote):
    assert network.is_network_filesystem(kind) is remote


def test_windows_unc_paths_and_mapped_drives_are_network_shares():
    drives = {"C:\\": 3, "Z:\\": network.DRIVE_REMOTE}
    asked = []

    def drive_type(root: str) -> int:
        asked.append(root)
        return drives.get(root.upper(), 1)

    assert windows_path_is_remote(r"\\srv-pref\qualite\clu.sqlite", drive_type)
    assert windows_path_is_remote("//srv-pref/qualite/clu.sqlite", drive_type)
    assert windows_path_is_remote(r"\\?\UNC\srv-pref\qualite\clu.sqlite", drive_type)
    assert windows_path_is_remote(r"Z:\CLU\clu.sqlite", drive_type)
    assert windows_path_is_remote(r"z:\CLU\clu.sqlite", drive_type)
    assert not windows_path_is_remote(r"C:\Users\dupont\clu.sqlite", drive_type)
    assert not windows_path_is_remote(r"\\?\C:\Users\dupont\clu.sqlite", drive_type)
    assert asked[0] == "Z:\\"


def _escaped(path) -> str:
    return str(path).replace("\\", "\\134").replace(" ", "\\040")


@pytest.fixture
def share(tmp_path, monkeypatch):
    """``tmp_path/partage`` is, for the application, an NFS share."""
    folder = tmp_path / "partage"
    mountinfo = tmp_path / "mountinfo"
    mountinfo.write_text(
        "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/sda1 rw\n"
        f"90 22 0:60 / {_escaped(folder)} rw,relatime shared:40 - nfs4 srv:/clu rw\n",
        "utf-8",
    )
    monkeypatch.setattr(network, "MOUNTINFO", mountinfo)
    return folder


linux_only = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc/self/mountinfo")


@linux_only
def test_a_database_on_a_share_is_refused_with_advice_and_nothing_is_written(share):
    with pytest.raises(DatabaseError) as refused:
        open_database(share / "clu.sqlite", exclusive=True)
    message = str(refused.value)
    assert f"« {share / 'clu.sqlite'} » est sur un partage réseau" in message
    assert "SQLite n'y garantit pas le verrouillage" in message
    assert "mode partagé avec PostgreSQL (--db postgresql+psycopg://…)" in message
    assert not share.exists()  # not even its folder


@linux_only
def test_the_command_line_refuses_a_share_for_reading_and_writing(share, tmp_path, capsys):
    share.mkdir()
    local = tmp_path / "local.sqlite"
    assert main(["demo", "--db", str(local)]) == 0
    (share / "clu.sqlite").write_bytes(local.read_bytes())
    before = sorted(share.iterdir())
    capsys.readouterr()
    for command in (["demo"], ["list"], ["export", "json", "-o", str(tmp_path / "out.json")]):
        assert main([*command, "--db", str(share / "clu.sqlite")]) == 2, command
        assert "est sur un partage réseau" in capsys.readouterr().err
    assert sorted(share.iterdir()) == before  # no -wal, no lock beside it
    assert not (tmp_path / "out.json").exists()


def test_the_local_database_of_the_tests_is_not_taken_for_a_share(tmp_path):
    assert not network.is_on_network_share(tmp_path / "clu.sqlite")


def test_a_failed_detection_does_not_refuse(tmp_path, monkeypatch):
    monkeypatch.setattr(network, "MOUNTINFO", tmp_path / "missing")
    monkeypatch.setattr(network.sys, "platform", "linux")
    assert not network.is_on_network_share(tmp_path / "clu.sqlite")
