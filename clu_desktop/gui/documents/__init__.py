"""The "Documents" page: the meeting's minutes and convocation as PDF, previewed,
printed, saved and opened in the system's viewer (``page.DocumentsPage``)."""
