"""The "Indicateurs" page: the catalogue of quality indicators and their fields, the
values typed by period and site, the chart of the selected indicator, and the import of
values from a spreadsheet."""
