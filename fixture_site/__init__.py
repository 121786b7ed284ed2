"""The fixture site: a small local web on 127.0.0.1 that the demo, the tests and `liveaudit check` use.

Not a stage and not the core: test and demo infrastructure, kept apart from the store and CLI.
"""
