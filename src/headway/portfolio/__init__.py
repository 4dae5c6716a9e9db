"""Headway portfolio."""
