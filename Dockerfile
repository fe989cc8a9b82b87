FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
WORKDIR /app
COPY requirements.txt .
RUN pip install --no-cache-dir -r requirements.txt
COPY . .
RUN DEBUG=false ALLOWED_HOSTS=build SECRET_KEY=build-time-only-key-not-used-at-runtime-0123456789abcdef \
    python manage.py collectstatic --noinput -v0
RUN useradd --create-home hotgigs && mkdir -p /data/media && chown -R hotgigs /data /app/var
USER hotgigs
EXPOSE 8000
