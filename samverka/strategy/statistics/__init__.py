"""Import of official statistics into indicators' time series.

- `base`: the uniform records every parser yields, and the error the importer shows.
- `jsonstat`: JSON-stat 2.0 and 1.0, and recognising a document's format.
- `pxweb`: Statistics Sweden's PxWebApi (v2 and v1) and its plain "json" format.
- `statbank`: Statistics Denmark's Statbank API.
- `regions`: national codes of areas, periods, sex and age to our observations.
- `runner`: starting an import, and the run that the background task performs.

See docs/statistics-import.md.
"""
