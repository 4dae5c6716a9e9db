"""Headway report."""
