/** One contact's thread: who else is viewing, the WhatsApp windows, the timeline, the reply and note composers. */
import { useEffect } from "react";
import { BackLink } from "@/components/ui/back-link";
import { Button } from "@/components/ui/button";
import { PageError } from "@/components/ui/page-status";
import { Skeleton } from "@/components/ui/skeleton";
import { useMarkConversationRead, useSetConversationStatus } from "../hooks/use-conversation-actions";
import { useThreadPresence } from "../hooks/use-thread-presence";
import { useConversation } from "../hooks/use-timeline";
import { contactName } from "../inbox-model";
import type { Viewer } from "../presence";
import { ConversationTimeline } from "./conversation-timeline";
import { MessageComposer } from "./message-composer";
import { NoteComposer } from "./note-composer";
import { StartCallButton } from "./start-call-button";
import { UnverifiedSenderPanel } from "./unverified-sender-panel";
import { WhatsAppWindowNotice } from "./whatsapp-window-notice";

interface ConversationThreadProps {
  conversationId: string;
  viewer: Viewer;
  timeZone: string;
}

export function ConversationThread({ conversationId, viewer, timeZone }: ConversationThreadProps) {
  const conversation = useConversation(conversationId);
  const { viewers, typingNames, announceTyping } = useThreadPresence(conversationId, viewer);
  const markRead = useMarkConversationRead();
  const setStatus = useSetConversationStatus(conversationId);
  const unread = conversation.data?.unread_count ?? 0;
  const { mutate: markReadNow } = markRead;

  useEffect(() => {
    if (unread > 0) markReadNow(conversationId);
  }, [conversationId, unread, markReadNow]);

  if (conversation.status === "error") {
    return (
      <PageError title="This conversation could not be opened" onRetry={() => void conversation.refetch()}>
        {conversation.error.message} It may have been deleted; pick another from the list.
      </PageError>
    );
  }

  return (
    <section aria-labelledby="thread-title" className="grid min-w-0 content-start gap-4">
      <header className="grid gap-2 border-b pb-3">
        <div className="flex flex-wrap items-center gap-2">
          <BackLink to="/admin/inbox" className="lg:hidden">
            All conversations
          </BackLink>
          <h2 id="thread-title" className="text-lg font-semibold">
            {conversation.data ? contactName(conversation.data) : <Skeleton className="h-6 w-40" />}
          </h2>
          {conversation.data ? (
            <Button
              variant="outline"
              size="sm"
              className="ml-auto"
              busy={setStatus.isPending}
              onClick={() => { setStatus.mutate(conversation.data.status === "open" ? "closed" : "open"); }}
            >
              {conversation.data.status === "open" ? "Close conversation" : "Reopen conversation"}
            </Button>
          ) : null}
          {conversation.data?.lead_id ? <StartCallButton leadId={conversation.data.lead_id} name={contactName(conversation.data)} /> : null}
        </div>
        <p aria-live="polite" className="text-sm text-slate-600">
          {viewers.length > 0 ? `Also viewing: ${viewers.map((other) => other.name).join(", ")}` : "No one else is viewing."}
        </p>
        <WhatsAppWindowNotice conversationId={conversationId} timeZone={timeZone} />
        {conversation.data?.unverified_sender ? (
          <UnverifiedSenderPanel conversationId={conversationId} address={conversation.data.unverified_sender} />
        ) : null}
      </header>
      <ConversationTimeline conversationId={conversationId} timeZone={timeZone} />
      <p aria-live="polite" className="min-h-5 text-sm text-slate-500 italic">
        {typingNames.length > 0 ? `${typingNames.join(", ")} ${typingNames.length === 1 ? "is" : "are"} writing a note…` : ""}
      </p>
      {conversation.data?.lead_id ? (
        <div className="grid gap-2 border-t pt-3">
          <h3 className="font-medium">Reply</h3>
          <MessageComposer leadId={conversation.data.lead_id} conversationId={conversationId} />
        </div>
      ) : null}
      <NoteComposer conversationId={conversationId} authorId={viewer.id} onTyping={announceTyping} />
    </section>
  );
}
