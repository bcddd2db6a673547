"""Files in and out: the meeting file format (JSON), later CSV and XLSX."""
