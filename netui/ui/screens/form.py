"""What the person and log forms share: saving in a worker (waiting out another session's
lock with the fields kept), showing a conflict with both values, and cancel that asks
before it throws typing away."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any, Generic, TypeVar

from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from netui.store.errors import Conflict, StoreError
from netui.ui.dialogs import ConfirmDialog
from netui.ui.safe import notice, plain
from netui.ui.store_calls import WAITING_MESSAGE, StoreCalls

T = TypeVar("T")

STILL_WAITING = "Still waiting to save: another session is saving."


class FormScreen(StoreCalls, ModalScreen[T], Generic[T]):
    """A form with a ``#form-error`` line, a ``VerticalScroll`` of fields and Save/Cancel buttons.

    A subclass says whether anything changed (``is_dirty``), how to name itself in the
    discard question (``DISCARD_QUESTION``), how to show a conflicting value
    (``show_value``) and how to read the record again after a conflict (``reread``)."""

    DISCARD_QUESTION = "Discard your changes?"
    _saving = False

    def is_dirty(self) -> bool:
        raise NotImplementedError

    def show_value(self, field: str, value: Any) -> str:
        return repr(value)

    async def reread(self) -> None:
        """After a conflict: take the stored record as the new base, so a second save wins."""

    def form_error(self, message: str | Any) -> None:
        self.query_one("#form-error", Static).update(message if not isinstance(message, str) else plain(message, multiline=True))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "save":
            self.run_worker(self.action_save())
        else:
            self.action_cancel()

    async def action_save(self) -> None:
        raise NotImplementedError

    def begin_save(self, save: Callable[[], Awaitable[T]]) -> None:
        """Run ``save`` in a worker: while another session holds the lock the save may wait,
        and the app must go on handling keys meanwhile. The form closes with its result."""
        if self._saving:
            notice(self, STILL_WAITING, severity="warning")
            return
        self._saving = True
        self.run_worker(self._save(save), group="save")

    async def _save(self, save: Callable[[], Awaitable[T]]) -> None:
        try:
            result = await save()
        except Conflict as exc:
            await self._conflict(exc)
            return
        except StoreError as exc:
            self.form_error(f"Not saved: {exc}")
            return
        finally:
            self._saving = False
            self.query_one(VerticalScroll).disabled = False
        # After this worker has finished: dismissing the form cancels its workers.
        self.app.call_later(self.dismiss, result)

    def waiting(self) -> None:
        """The save found another session saving. The fields stay on screen but cannot change
        while the save waits: what is saved is exactly what is shown."""
        self.query_one(VerticalScroll).disabled = True
        self.form_error(WAITING_MESSAGE)
        notice(self, WAITING_MESSAGE, severity="warning", timeout=8)

    async def _conflict(self, exc: Conflict) -> None:
        try:
            await self.reread()  # first: the stored record also names what theirs holds
        except StoreError:
            pass  # gone meanwhile: the next save says so
        lines = [str(exc)]
        for field, (theirs, yours) in exc.fields.items():
            lines.append(f"  {field}: theirs {self.show_value(field, theirs)} · yours {self.show_value(field, yours)}")
        lines.append("Press ctrl+s again to save yours over theirs, or esc to keep theirs.")
        self.form_error("\n".join(lines))

    def action_cancel(self) -> None:
        if self._saving:
            notice(self, STILL_WAITING, severity="warning")
            return
        if self.is_dirty():

            def answer(discard: bool | None) -> None:
                if discard:
                    self.dismiss(None)

            self.app.push_screen(ConfirmDialog(self.DISCARD_QUESTION, yes="Discard", no="Keep editing"), answer)
        else:
            self.dismiss(None)
