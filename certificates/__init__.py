"""Certificates: numbering, PDF rendering and public verification."""
