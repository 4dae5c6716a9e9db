"""The web app: a Django project (settings, models, pages, REST API) over the workspace layer.

Start it with `headway serve`; settings come from environment variables (docs/web.md).
"""
