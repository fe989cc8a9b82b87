"""Pages of the matching app."""

urlpatterns: list = []
