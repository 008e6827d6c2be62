"""Szenarienvergleich: variants of the key, each calculated as usual, compared side by side."""
