"""The "Participants" page: invitations and answers before the meeting, attendance after
it, the attendance list as CSV, and the door to the live check-in window."""
