import datetime

import factory
from django.utils import timezone

from polls.models import Choice, Poll, Vote, VoteChoice


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll
        skip_postgeneration_save = True

    question = factory.Sequence(lambda n: f"Bạn đánh giá thế nào về chuyên mục số {n}?")
    opens_at = factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=1))
    closes_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=7))

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        if not create:
            return
        texts = (
            extracted if extracted is not None else ["Rất hữu ích", "Bình thường", "Chưa hữu ích"]
        )
        for order, text in enumerate(texts):
            Choice.objects.create(poll=self, text=text, order=order)


class MultiplePollFactory(PollFactory):
    kind = Poll.Kind.MULTIPLE
    max_choices = 2


class VoteFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Vote
        skip_postgeneration_save = True

    poll = factory.SubFactory(PollFactory)
    voter_key = factory.Sequence(lambda n: f"{n:032x}")
    ip_hash = factory.Sequence(lambda n: f"ip{n}")

    @factory.post_generation
    def chosen(self, create, extracted, **kwargs):
        for choice in extracted or []:
            VoteChoice.objects.create(vote=self, choice=choice)
