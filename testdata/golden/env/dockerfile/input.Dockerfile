FROM python:3.12-slim
ARG OPENAI_API_KEY
ENV OPENAI_API_KEY=${OPENAI_API_KEY} \
    OPENAI_BASE_URL=https://api.openai.com/v1
ENV LOG_LEVEL info
RUN pip install --no-cache-dir openai
CMD ["python", "app.py"]
