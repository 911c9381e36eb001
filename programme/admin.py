"""The back office's pages for the programme's records (administrators; staff work in the app's own pages)."""
