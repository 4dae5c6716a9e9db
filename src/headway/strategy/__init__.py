"""The strategy document: model, loading, validation, templates."""
