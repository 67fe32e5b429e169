"""live hand-off and reminders: one open request per conversation, the push outbox, reminders

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-03

Existing requests: "assigned" becomes "taken", "handled" becomes "closed"; of several open
requests of one conversation the newest stays open (it gets the conversation's open_key).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    _push_and_reminder_tables()
    _one_open_request_per_conversation()


def _push_and_reminder_tables() -> None:
    op.create_table(
        "push_outbox",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("push_id", sa.String(length=120), nullable=False),
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("buttons", sa.Text(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_try_at", sa.DateTime(), nullable=False),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("error", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_push_outbox")),
        sa.UniqueConstraint("push_id", name=op.f("uq_push_outbox_push_id")),
    )
    with op.batch_alter_table("push_outbox", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_push_outbox_sender_id"), ["sender_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_push_outbox_status"), ["status"], unique=False)

    op.create_table(
        "reminder_optins",
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("asked_at", sa.DateTime(), nullable=True),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name=op.f("pk_reminder_optins")),
    )
    op.create_table(
        "unreachable_senders",
        sa.Column("sender_id", sa.String(length=255), nullable=False),
        sa.Column("since", sa.DateTime(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.PrimaryKeyConstraint("sender_id", name=op.f("pk_unreachable_senders")),
    )
    op.create_table(
        "reminders",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("due", sa.Date(), nullable=False),
        sa.Column("send_on", sa.Date(), nullable=False),
        sa.Column("last_day", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("claimed_at", sa.DateTime(), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("sent_at", sa.DateTime(), nullable=True),
        sa.Column("channels", sa.String(length=64), nullable=False),
        sa.Column("note", sa.String(length=200), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"], ["cases.id"], name=op.f("fk_reminders_case_id_cases"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminders")),
        sa.UniqueConstraint("case_id", "kind", "due", name="uq_reminders_case_kind_due"),
    )
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminders_case_id"), ["case_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_reminders_status"), ["status"], unique=False)

    op.create_table(
        "reminder_days",
        sa.Column("case_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("reminder_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["case_id"],
            ["cases.id"],
            name=op.f("fk_reminder_days_case_id_cases"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["reminder_id"],
            ["reminders.id"],
            name=op.f("fk_reminder_days_reminder_id_reminders"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("case_id", "day", name=op.f("pk_reminder_days")),
    )
    with op.batch_alter_table("reminder_days", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_reminder_days_reminder_id"), ["reminder_id"], unique=False
        )


def _one_open_request_per_conversation() -> None:
    with op.batch_alter_table("handoff_requests", schema=None) as batch_op:
        batch_op.add_column(sa.Column("open_key", sa.String(length=255), nullable=True))
        batch_op.add_column(
            sa.Column("team", sa.String(length=16), nullable=False, server_default="general")
        )
        batch_op.add_column(sa.Column("requests", sa.Integer(), nullable=False, server_default="1"))
        batch_op.add_column(sa.Column("last_request_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("taken_at", sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column("closed_at", sa.DateTime(), nullable=True))
        batch_op.create_index(batch_op.f("ix_handoff_requests_status"), ["status"], unique=False)
    op.execute("UPDATE handoff_requests SET status = 'taken' WHERE status = 'assigned'")
    op.execute("UPDATE handoff_requests SET status = 'closed' WHERE status = 'handled'")
    op.execute(
        "UPDATE handoff_requests SET status = 'closed', closed_at = created_at"
        " WHERE status != 'closed' AND id NOT IN"
        " (SELECT max(id) FROM handoff_requests WHERE status != 'closed' GROUP BY sender_id)"
    )
    op.execute("UPDATE handoff_requests SET open_key = sender_id WHERE status != 'closed'")
    op.execute("UPDATE handoff_requests SET last_request_at = created_at")
    op.execute(
        "UPDATE handoff_requests SET team = 'consultant' WHERE case_id IN"
        " (SELECT id FROM cases WHERE consultant_email IS NOT NULL AND consultant_email != '')"
    )
    with op.batch_alter_table("handoff_requests", schema=None) as batch_op:
        batch_op.alter_column("last_request_at", existing_type=sa.DateTime(), nullable=False)
        batch_op.alter_column("team", server_default=None, existing_type=sa.String(length=16))
        batch_op.alter_column("requests", server_default=None, existing_type=sa.Integer())
        batch_op.create_unique_constraint(batch_op.f("uq_handoff_requests_open_key"), ["open_key"])

    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    op.execute("UPDATE handoff_requests SET status = 'assigned' WHERE status = 'taken'")
    op.execute("UPDATE handoff_requests SET status = 'handled' WHERE status = 'closed'")
    with op.batch_alter_table("handoff_requests", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_handoff_requests_open_key"), type_="unique")
        batch_op.drop_index(batch_op.f("ix_handoff_requests_status"))
        batch_op.drop_column("closed_at")
        batch_op.drop_column("taken_at")
        batch_op.drop_column("last_request_at")
        batch_op.drop_column("requests")
        batch_op.drop_column("team")
        batch_op.drop_column("open_key")

    with op.batch_alter_table("reminder_days", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_days_reminder_id"))

    op.drop_table("reminder_days")
    with op.batch_alter_table("reminders", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminders_status"))
        batch_op.drop_index(batch_op.f("ix_reminders_case_id"))

    op.drop_table("reminders")
    op.drop_table("unreachable_senders")
    op.drop_table("reminder_optins")
    with op.batch_alter_table("push_outbox", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_push_outbox_status"))
        batch_op.drop_index(batch_op.f("ix_push_outbox_sender_id"))

    op.drop_table("push_outbox")
    # ### end Alembic commands ###
