"""Headway mining."""
