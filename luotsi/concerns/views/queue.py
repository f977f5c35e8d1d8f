"""Officers' pages: the queue, one message with its history and the actions on it, photos."""

from typing import Any

from django.contrib import messages as flash
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST, require_safe

from luotsi.accounts.http import AuthenticatedHttpRequest
from luotsi.concerns import permissions, selectors, workflow
from luotsi.concerns.forms import MergeForm, PublishForm, ReassignForm, StatusForm, TextForm
from luotsi.concerns.models import Message, MessageStatus, Photo
from luotsi.web.decorators import signed_in_as

# Officers and the coordinator (others: 403; anonymous: sign in).
handler_view = signed_in_as(permissions.can_handle)


@handler_view
@require_safe
def queue(request: AuthenticatedHttpRequest) -> HttpResponse:
    status = request.GET.get("status", "open")
    if status not in ("open", "all", *MessageStatus.values):
        status = "open"
    f = selectors.QueueFilter(
        mine=request.GET.get("mine") == "1",
        status=status,
        overdue=request.GET.get("overdue") == "1",
        district=request.GET.get("district", "")[:10],
    )
    page = Paginator(selectors.queue(request.user, f), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "concerns/queue.html",
        {
            "page": page,
            "filter": f,
            "statuses": MessageStatus.choices,
            "counts": selectors.queue_counts(request.user),
            "query": query.urlencode(),
        },
    )


def _forms(message: Message, data: Any = None, which: str = "") -> dict[str, Any]:
    def bound(name: str, form_class: Any, **kwargs: Any) -> Any:
        return form_class(data if which == name else None, prefix=name, **kwargs)

    return {
        "status_form": bound("status", StatusForm, initial={"status": message.status}),
        "reply_form": bound("reply", TextForm),
        "note_form": bound("note", TextForm),
        "reassign_form": bound("reassign", ReassignForm),
        "merge_form": bound("merge", MergeForm),
        "publish_form": bound("publish", PublishForm, initial={"public_text": message.public_text}),
    }


def _detail(
    request: AuthenticatedHttpRequest, message: Message, forms: dict[str, Any], status: int = 200
) -> HttpResponse:
    return render(
        request,
        "concerns/message_detail.html",
        {
            "message": message,
            "steps": selectors.timeline(message, public_only=False),
            "photos": message.photos.all(),
            "duplicates": message.duplicates.all(),
            **forms,
        },
        status=status,
    )


@handler_view
@require_safe
def message_detail(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = permissions.access_message(request.user, pk)
    workflow.message_view_audit(message=message, by=request.user)
    return _detail(request, message, _forms(message))


def _run(action: str, message: Message, user: Any, form: Any) -> None:
    data = form.cleaned_data
    if action == "status":
        workflow.message_set_status(
            message=message,
            by=user,
            status=data["status"],
            text=data["text"],
            department=data["department"],
        )
    elif action == "reply":
        workflow.message_reply(message=message, by=user, text=data["text"])
    elif action == "note":
        workflow.message_note(message=message, by=user, text=data["text"])
    elif action == "reassign":
        workflow.message_reassign(message=message, by=user, to=data["to"])
    elif action == "merge":
        into = permissions.messages_visible_to(user).filter(reference=data["into"].strip()).first()
        if into is None:
            raise ValidationError({"into": _("No such message among those you handle.")})
        workflow.message_merge(duplicate=message, into=into, by=user)
    elif action == "publish":
        workflow.message_publish(message=message, by=user, public_text=data["public_text"])


# Lazy: translated when shown, in the language of that request.
DONE = {
    "status": gettext_lazy("The status has been changed."),
    "reply": gettext_lazy("The reply has been sent."),
    "note": gettext_lazy("The note has been saved."),
    "reassign": gettext_lazy("The message has been given to another officer."),
    "merge": gettext_lazy("The message has been merged."),
    "publish": gettext_lazy("The message is shown on the public map."),
    "unpublish": gettext_lazy("The message has been removed from the public map."),
}


@handler_view
@require_POST
def message_action(request: AuthenticatedHttpRequest, pk: int) -> HttpResponse:
    message = permissions.access_message(request.user, pk)
    action = request.POST.get("action", "")
    if action not in DONE:
        raise Http404
    if action == "unpublish":
        workflow.message_unpublish(message=message, by=request.user)
        flash.success(request, str(DONE[action]))
        return redirect("concerns:message-detail", pk=message.pk)
    forms = _forms(message, request.POST, action)
    form = forms[f"{action}_form"]
    if form.is_valid():
        try:
            _run(action, message, request.user, form)
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.message_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error(None, exc)
        else:
            flash.success(request, str(DONE[action]))
            return redirect("concerns:message-detail", pk=message.pk)
    message.refresh_from_db()
    # The page shown again holds the sender's details: a read like the first one.
    workflow.message_view_audit(message=message, by=request.user)
    return _detail(request, message, forms, status=400)


@handler_view
@require_safe
def photo(request: AuthenticatedHttpRequest, pk: int) -> HttpResponseBase:
    """Photos are served only to those who may see the message (never a public URL)."""
    try:
        item = Photo.objects.select_related("message").get(pk=pk)
    except Photo.DoesNotExist as exc:
        raise Http404 from exc
    if not permissions.may_handle(request.user, item.message):
        raise Http404
    response = FileResponse(item.image.open("rb"), content_type=item.content_type)
    response["Cache-Control"] = "private, no-store"
    return response
