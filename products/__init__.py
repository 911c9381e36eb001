"""Producers (chủ thể OCOP) and their products, the product classification, and the public registry."""
