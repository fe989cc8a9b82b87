"""REST API routes of the candidates app."""

urlpatterns: list = []
