"""A realistic, deterministic demo network: same seed, same people, same journal."""

from __future__ import annotations

import unicodedata

import random
from itertools import accumulate
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from netui.domain.networks import Network
from netui.domain.rings import RING_ORDER, Ring
from netui.domain.text import match_key, sort_key
from netui.domain.journal import CONTACT_KINDS
from netui.store.db import Database, writes
from netui.store.settings import set_setting

FIRST = [
    "Ada", "Grace", "Linus", "Margaret", "Alan", "Katherine", "Sofía", "Mateo", "Lucía", "Joaquín",
    "Jürgen", "Anneliese", "Matthias", "Élodie", "Benoît", "Chloé", "Håkan", "Ingrid", "Søren",
    "Zofia", "Łukasz", "Agnieszka", "Yuki", "Haruto", "Sakura", "Wei", "Mei", "Jun", "Priya", "Arjun",
    "Ananya", "Rohan", "Chidi", "Ngozi", "Oluwaseun", "Amara", "Fatima", "Omar", "Layla", "Youssef",
    "Dmitri", "Olga", "Tomasz", "Aoife", "Siobhán", "Kofi", "Thandiwe", "Mariana", "João", "Bruna",
    "Nikos", "Eleni", "Mehmet", "Elif", "Hye-jin", "Min-jun", "Tuan", "Linh", "Rafael", "Camila",
]
LAST = [
    "Okafor", "Nakamura", "García", "Müller", "Dubois", "Kowalski", "Lindqvist", "Chen", "Patel",
    "Rodríguez", "O'Brien", "Nguyen", "Kim", "Haddad", "Ivanova", "Papadopoulos", "Yılmaz", "Silva",
    "Mensah", "Schneider", "Rossi", "Fernández", "Tanaka", "Sato", "Wang", "Li", "Sharma", "Iyer",
    "Adeyemi", "Novak", "Horvát", "Jensen", "Andersson", "Costa", "Moreau", "Ferreira", "Kaplan",
    "Björk", "Zhou", "Gupta", "Abubakar", "Mbeki", "Søndergaard", "Łęcki", "MacLeod", "Nováková",
]
COMPANIES = [
    "Northwind Labs", "Contoso", "Fabrikam", "Tailspin Systems", "Globex", "Initech", "Umbrella Health",
    "Stark Analytics", "Wayne Logistics", "Hooli", "Pied Piper", "Vandelay Imports", "Aperture Science",
    "Soylent Foods", "Cyberdyne", "Massive Dynamic", "Oceanic Air", "Monarch Bank", "Blue Sun", "Acme Robotics",
]
TITLES = [
    "Staff Engineer", "Engineering Manager", "Product Manager", "Principal Engineer", "CTO", "VP Engineering",
    "Data Scientist", "Designer", "Recruiter", "Founder", "Site Reliability Engineer", "Developer Advocate",
    "Student", "Junior Developer", "Research Scientist", "Head of Platform", "Author", "Consultant",
]
HELP_TAGS = ["advice", "introductions", "leads", "hiring", "backing", "early warning", "technical help", "references"]
SUMMARIES = {
    "coffee": ["Coffee near the office", "Morning coffee, talked about {topic}", "Quick espresso before standup"],
    "lunch": ["Lunch: {topic}", "Long lunch, caught up on family and {topic}"],
    "drinks": ["Drinks after the meetup", "Beers, mostly about {topic}"],
    "call": ["Phone call about {topic}", "Called to catch up"],
    "video": ["Video chat on {topic}", "Remote pairing session"],
    "message": ["Messaged about {topic}", "Sent congratulations on the new role"],
    "email": ["Emailed an article on {topic}", "Email thread about {topic}"],
    "event": ["Met at a conference talk on {topic}", "Saw them at the {topic} meetup"],
    "linkedin": ["Commented on their post about {topic}", "Connected on LinkedIn"],
    "intro": ["Introduced them to someone working on {topic}", "They introduced me to a hiring manager"],
    "other": ["Bumped into them at the station", "Sent a book on {topic}"],
}
TOPICS = [
    "platform migrations", "hiring", "career moves", "Rust", "staff+ roles", "burnout", "the new reorg",
    "conference talks", "open source", "pricing", "team rituals", "observability", "a side project",
]
NOTES = [
    "",
    "",
    "They are thinking about leaving in spring. Offered to review their CV.",
    "Recommended the book 'An Elegant Puzzle'. Wants an intro to someone in data.",
    "Kids just started school. Ask how the move went.",
    "Owes me nothing; I promised to send the slides.",
    "Great advice on negotiating the offer:\n- anchor high\n- ask about equity refresh",
]

RING_WEIGHTS = {Ring.COLD: 40, Ring.LUKEWARM: 28, Ring.STRATEGIC: 18, Ring.BUDDY: 14}
# How often each ring shows up in the journal, relative to a cold contact.
CONTACT_WEIGHT = {Ring.COLD: 0.3, Ring.LUKEWARM: 2.0, Ring.STRATEGIC: 5.0, Ring.BUDDY: 9.0}
MY_COMPANY = "Northwind Labs"


class DemoRefused(Exception):
    pass



def _ascii(name: str) -> str:
    """A name as the part of a made-up address: accents dropped (Rodríguez -> rodriguez),
    letters with no ASCII form (Ł) left out."""
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().replace(" ", "")

def _networks_for(rng: random.Random, ring: Ring, title: str) -> list[tuple[str, str | None, int]]:
    nets: list[tuple[str, str | None, int]] = []
    if ring == Ring.BUDDY and rng.random() < 0.7 or rng.random() < 0.06:
        nets.append((Network.SUPPORT.value, None, 0))
    if rng.random() < 0.45:
        nets.append((Network.PEER.value, None, 0))
    if title in ("CTO", "VP Engineering", "Principal Engineer", "Author", "Founder") or rng.random() < 0.08:
        nets.append((Network.MENTOR.value, None, int(title == "Author" or rng.random() < 0.2)))
    if title in ("Student", "Junior Developer") or rng.random() < 0.05:
        nets.append((Network.MENTEE.value, None, 0))
    return nets


def generate(
    db: Database,
    people: int = 120,
    interactions: int = 3000,
    seed: int = 7,
    today: date | None = None,
    progress: Callable[[str, int, int], None] | None = None,
) -> None:
    """Fill an empty database. Refuses one that already holds people (see ``force``)."""
    today = today or date.today()
    rng = random.Random(seed)
    _generate(db, rng, people, interactions, today, progress or (lambda *_: None))


@writes
def _generate(db: Database, rng: random.Random, n_people: int, n_interactions: int, today: date, progress) -> None:
    conn = db.orm.connection()
    start = today - timedelta(days=5 * 365)
    # Numbering continues after what is there, so --force can add to a database.
    base = conn.execute("SELECT coalesce(max(id), 0) FROM person").fetchone()[0]
    ibase = conn.execute("SELECT coalesce(max(id), 0) FROM interaction").fetchone()[0]
    set_setting(db, "my_name", "Alex Demo")
    set_setting(db, "my_company", MY_COMPANY)

    people_rows = []
    rings: list[Ring] = []
    used_names: set[str] = set()
    for pid in range(base + 1, base + n_people + 1):
        first, last = rng.choice(FIRST), rng.choice(LAST)
        name = f"{first} {last}"
        if name in used_names:
            name = f"{first} {rng.choice('ABCDEFGHJKLMNOPRSTVW')}. {last}"
        if name in used_names:
            name = f"{first} {rng.choice(FIRST)} {last}"
        if name in used_names:
            name = f"{first} {last}-{rng.choice(LAST)}"
        used_names.add(name)
        ring = rng.choices(RING_ORDER, weights=[RING_WEIGHTS[r] for r in RING_ORDER])[0]
        rings.append(ring)
        company = MY_COMPANY if rng.random() < 0.12 else rng.choice(COMPANIES)
        title = rng.choice(TITLES)
        email = f"{_ascii(first)[:1] or 'x'}.{_ascii(last) or 'x'}@example.com" if rng.random() < 0.6 else ""
        created = datetime.combine(start + timedelta(days=rng.randrange(0, 365 * 5 - 20)), time(9, 0))
        cadence = rng.choice([14, 21, 60]) if rng.random() < 0.05 and ring != Ring.COLD else None
        purpose = rng.choice(["", "", "Could open doors at " + company, "Knows the hiring market", "Great sounding board"])
        people_rows.append(
            (pid, name, match_key(name), sort_key(name), company, title, email, ring.value, cadence, purpose, created,
             created)
        )
    conn.executemany(
        """INSERT INTO person (id, name, name_key, sort_key, company, title, email, ring, cadence_override, purpose,
                               created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,1)""",
        people_rows,
    )
    progress("people", n_people, n_people)

    memberships, moves, tags = [], [], []
    for (pid, _name, _key, _sort, _company, title, *_rest), ring in zip(people_rows, rings):
        created = _rest[-1]
        for network, side, distant in _networks_for(rng, ring, title):
            memberships.append((pid, network, side, distant))
        moves.append((pid, None, Ring.COLD.value, created, "added"))
        when = created
        for step in range(1, ring.index + 1):
            when = when + timedelta(days=rng.randrange(20, 240))
            if when.date() >= today:
                when = datetime.combine(today - timedelta(days=rng.randrange(1, 30)), time(18, 0))
            reason = rng.choice(["", "", "great first coffee", "helped with the launch", "we worked together"])
            moves.append((pid, RING_ORDER[step - 1].value, RING_ORDER[step].value, when, reason))
        for kind in ("help", "offer"):
            for tag in rng.sample(HELP_TAGS, rng.choice([0, 0, 1, 2])):
                tags.append((pid, tag, kind))
    conn.executemany(
        "INSERT INTO membership (person_id, network, peer_side, distant) VALUES (?,?,?,?)", memberships
    )
    conn.executemany(
        "INSERT INTO ring_move (person_id, from_ring, to_ring, moved_at, reason) VALUES (?,?,?,?,?)", moves
    )
    tag_ids = {}
    for name in HELP_TAGS:
        conn.execute("INSERT OR IGNORE INTO tag (name) VALUES (?)", (name,))
        tag_ids[name] = conn.execute("SELECT id FROM tag WHERE name = ?", (name,)).fetchone()[0]
    conn.executemany(
        "INSERT INTO person_tag (person_id, tag_id, kind) VALUES (?,?,?)",
        [(pid, tag_ids[t], kind) for pid, t, kind in tags],
    )
    knows = set()
    for _ in range(n_people * 2):
        a, b = base + rng.randrange(1, n_people + 1), base + rng.randrange(1, n_people + 1)
        if a != b:
            knows.add((min(a, b), max(a, b)))
    conn.executemany(
        "INSERT INTO knows (person_id, other_id, note) VALUES (?,?,?)",
        [(a, b, rng.choice(["", "worked together", "same meetup", "old classmates"])) for a, b in sorted(knows)],
    )
    introduced = [
        (base + rng.randrange(1, n_people + 1), pid) for pid in range(base + 1, base + n_people + 1) if rng.random() < 0.1
    ]
    conn.executemany(
        "UPDATE person SET introduced_by_id = ? WHERE id = ?",
        [(a, b) for a, b in introduced if a != b],
    )

    # The journal: closer rings are met more often, and more recently.
    weights = [CONTACT_WEIGHT[r] for r in rings]
    ids = list(range(base + 1, base + n_people + 1))
    # One weighted draw for the whole journal: drawing one by one is quadratic.
    cumulative = list(accumulate(weights))
    whos = rng.choices(ids, cum_weights=cumulative, k=n_interactions) if ids else []
    batch_i, batch_p = [], []
    span = (today - start).days
    # Some people drift: nothing logged with them in the last weeks or months.
    drift = [0 if rng.random() < 0.6 else rng.randrange(20, 400) for _ in rings]
    for n in range(n_interactions):
        iid = ibase + n + 1
        who = whos[n]
        ring = rings[who - base - 1]
        # Skew recent for inner rings so that some are in touch and some are overdue.
        # The exponent skews toward the present without piling entries onto yesterday.
        gap = drift[who - base - 1]
        age = gap + int((span - gap) * (rng.random() ** (1.2 if ring.index >= 2 else 1.0)))
        day = today - timedelta(days=age + 1)
        kind = rng.choice(CONTACT_KINDS)
        summary = rng.choice(SUMMARIES[kind]).format(topic=rng.choice(TOPICS))
        notes = rng.choice(NOTES)
        recip = rng.choice([None, None, "gave", "received", "mutual"])
        follow = None
        done = 0
        if rng.random() < 0.06:
            follow = day + timedelta(days=rng.randrange(3, 30))
            done = int(follow < today - timedelta(days=20) or rng.random() < 0.3)
        stamp = datetime.combine(day, time(12, 0))
        batch_i.append((iid, day, kind, summary, notes, recip, follow, done, stamp, stamp))
        participants = {who}
        if rng.random() < 0.12:
            # A second person, drawn the same way: cold people rarely show up here either.
            participants.add(rng.choices(ids, cum_weights=cumulative)[0])
        for pid in participants:
            batch_p.append((iid, pid, day))
        if len(batch_i) >= 5000:
            _flush(conn, batch_i, batch_p)
            progress("interactions", n + 1, n_interactions)
    _flush(conn, batch_i, batch_p)
    progress("interactions", n_interactions, n_interactions)


def _flush(conn, batch_i: list, batch_p: list) -> None:
    conn.executemany(
        """INSERT INTO interaction (id, date, kind, summary, notes, reciprocity, follow_up, follow_up_done,
                                    created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,?,1)""",
        batch_i,
    )
    conn.executemany("INSERT INTO participant (interaction_id, person_id, date) VALUES (?,?,?)", batch_p)
    batch_i.clear()
    batch_p.clear()
