from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.generic import ListView

from stats.counters import mark_view

from .models import Album, Photo, Video

PAGE_SIZE = 12


class AlbumListView(ListView):
    template_name = "multimedia/album_list.html"
    context_object_name = "albums"
    paginate_by = PAGE_SIZE

    def get_queryset(self):
        return Album.objects.published().latest_first().for_cards()

    def paginate_queryset(self, queryset, page_size):
        # An out-of-range or garbage ?page= shows the nearest page, like the news lists.
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["page_numbers"] = list(
            page.paginator.get_elided_page_range(page.number, on_each_side=2)
        )
        return context


class VideoListView(AlbumListView):
    template_name = "multimedia/video_list.html"
    context_object_name = "videos"

    def get_queryset(self):
        return Video.objects.published().latest_first()


def _public(model, pk, queryset=None):
    item = (queryset or model.objects).filter(pk=pk).first()
    if item is None or not item.is_public:
        raise Http404("Không tìm thấy nội dung.")
    return item


def album_detail(request, slug, pk):
    album = _public(
        Album,
        pk,
        Album.objects.prefetch_related(
            Prefetch(
                "photos", queryset=Photo.objects.order_by("order", "id"), to_attr="ordered_photos"
            )
        ),
    )
    if slug != album.slug:
        return redirect(album.get_absolute_url(), permanent=True)
    others = Album.objects.published().latest_first().for_cards().exclude(pk=album.pk)[:4]
    response = render(
        request,
        "multimedia/album_detail.html",
        {"album": album, "photos": album.ordered_photos, "others": others},
    )
    return mark_view(response, album)  # counted on every hit of the cached page too


def video_detail(request, slug, pk):
    video = _public(Video, pk)
    if slug != video.slug:
        return redirect(video.get_absolute_url(), permanent=True)
    others = Video.objects.published().latest_first().exclude(pk=video.pk)[:4]
    response = render(request, "multimedia/video_detail.html", {"video": video, "others": others})
    return mark_view(response, video)  # counted on every hit of the cached page too
