"""French formatting for every layer: numbers, indicator values, periods, dates and
typography. No Qt, no database, no reportlab: documents, widgets and services all print
through these functions, so the grid, the chart and the printed minutes say the same.

- ``numbers``: "1 250", "12,5", "−3" (the printed form) and the exact form for messages.
- ``values``: an indicator's value with its unit ("95,5 %", "12 j"), target and change.
- ``periods``: "2022", "T3 2022", "juil. 2022".
- ``dates``: "1er avril 2024", "08 AVR. 2024", "14h30-16h30".
- ``typography``: non-breaking spaces before « ; : ! ? », inside guillemets and numbers.
"""
