OPENAI_API_KEY ?= $(shell cat .openai-key)
export OPENAI_API_KEY
API := https://api.openai.com/v1

models:
	curl $(API)/models -H "Authorization: Bearer $$OPENAI_API_KEY"
