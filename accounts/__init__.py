"""User accounts, roles (producer, provincial staff, official, administrator) and their scope."""
