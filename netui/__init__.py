"""netui: a personal CRM for your career network, in the terminal."""

__version__ = "0.1.0"
