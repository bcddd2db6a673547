"""Quality indicators: the catalogue, the sites, the values by period and site,
the workbook import and its remembered mappings.

The package re-exports nothing: import the module that defines the name
(``from clu_desktop.services.indicators.catalogue import ...``).
"""
