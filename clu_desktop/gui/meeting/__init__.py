"""The "Séance" page's form and the editors it shares with the settings dialog."""
