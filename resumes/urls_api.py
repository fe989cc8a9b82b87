"""REST API routes of the resumes app."""

urlpatterns: list = []
