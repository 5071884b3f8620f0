"""geomap's version, in a module of its own: every module that records which geomap made something
imports it from here, so none of them imports the package (whose ``__init__`` leads to the API)."""

__version__ = "0.1.0"
