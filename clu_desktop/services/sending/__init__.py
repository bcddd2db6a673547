"""Sending a convocation or signed minutes: message drafts (.eml) with the document and a
calendar invitation (.ics), written in a folder for the workstation's mail client to send.
The application itself never sends anything."""
