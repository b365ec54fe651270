"""Abuse resistance: who is asking (clients), how often (ratelimits), from where moderators
have blocked (blocklists), and whether a person or a bot filled the form (bots)."""
