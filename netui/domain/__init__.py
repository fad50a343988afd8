"""Pure domain rules: rings, networks, cadence, dates, playbook, text.

Nothing here touches the database or the terminal; time is always a parameter.
"""
