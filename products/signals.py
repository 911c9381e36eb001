"""What the products app announces, for the apps above it to act on: it never imports them."""

from django.dispatch import Signal

# The product page (/my/products/<id>/, views.ProductDetailView) shows what the apps above know of the product.
# Sent with `product` and `user` (who looks); each receiver returns a dict added to the page's context: the
# evaluation app its rounds and history (`evaluations`, `history`, `history_count`), the portal app its status
# and timeline (`status`, `timeline`).
product_page = Signal()
