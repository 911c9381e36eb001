"""The producer portal: dashboards, each product's timeline, and e-mail notifications (outbox)."""
