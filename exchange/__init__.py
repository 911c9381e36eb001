"""Spreadsheet imports and exports: the official lists of recognised products, the ministry's layout."""
