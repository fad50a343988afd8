"""The yardstick: a bare Textual app that shows one label."""

from textual.app import App
from textual.widgets import Label


class Bare(App):
    def compose(self):
        yield Label("bare-app-ready")


if __name__ == "__main__":
    Bare().run()
