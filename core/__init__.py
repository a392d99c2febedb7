"""The shared kernel: text, number and date formats, Redis, the cache backend, pagination.

Imports no app of the project; every app may import it.
"""
