"""Developer tooling: `make run`, `make test`, `make bench` and the embedded servers.

Not imported by the site at run time; the site itself lives in the apps and in portal/.
"""
