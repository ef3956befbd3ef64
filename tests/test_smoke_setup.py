from orientheque_jobs.models import OfferStatus

from .factories import make_offer


def test_board_lists_published_offer(client, ctx):
    make_offer(title="Opérateur de chariot élévateur")
    make_offer(title="Commis en attente", status=OfferStatus.SUBMITTED)
    html = client.get("/offres").get_data(as_text=True)
    assert "Opérateur de chariot élévateur" in html
    assert "Commis en attente" not in html
