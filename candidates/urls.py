"""Pages of the candidates app."""

urlpatterns: list = []
