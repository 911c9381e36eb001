"""The papers a decided round produces, generated from its records (never typed again):

- the decision of recognition with its annex list, in the layout of Decree 30/2020/NĐ-CP (PDF, and DOCX for
  the officials who edit it before signing);
- the council's minutes: each member's total per product, the mean, the stars, the spread checks, signatures;
- each member's scoring sheet, one page per product.

They live in certificates (not evaluation) because they reuse the certificates' PDF setup (fonts, the fetcher
that loads nothing but our fonts) and print the same issuer fields as a certificate; certificates sits above
evaluation in the layering, so it may read the round's records.
"""
