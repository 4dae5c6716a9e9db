"""Headway analysis."""
