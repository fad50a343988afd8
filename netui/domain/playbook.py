"""Each ring's next steps, in netui's own words."""

from __future__ import annotations

from netui.domain.rings import Ring

PLAYBOOK: dict[Ring, tuple[str, ...]] = {
    Ring.COLD: (
        "Look for someone nearer to you who already knows them and ask for an introduction.",
        "Write first with one concrete reason to talk, short enough to read on a phone.",
        "Arrive at the meeting with your questions ready and a clear ask.",
        "Send thanks the same day, then tell them later what came of it.",
    ),
    Ring.LUKEWARM: (
        "Suggest a coffee or lunch for just the two of you, and say why you want to meet.",
        "Work out beforehand what they might get out of it.",
        "Write down what you gave, so the balance stays fair.",
    ),
    Ring.STRATEGIC: (
        "See them face to face regularly, not only when you need something.",
        "Thank them specifically when they help.",
        "Return the favour: pass on leads, introductions and credit.",
    ),
    Ring.BUDDY: (
        "Keep the friendship warm: check in without an agenda.",
        "Ask whom they could introduce you to next.",
    ),
}


def next_step(ring: Ring) -> str:
    """The first step of a ring's playbook: the line an agenda item suggests."""
    return PLAYBOOK[ring][0]
