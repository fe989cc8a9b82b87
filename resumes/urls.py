"""Pages of the resumes app."""

urlpatterns: list = []
