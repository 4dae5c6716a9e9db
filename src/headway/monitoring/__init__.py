"""Headway monitoring."""
