"""Models of this app arrive with their issue; nothing is stored here yet."""
