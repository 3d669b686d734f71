/**
 * /admin/leads/:leadId: the lead (lead-admin) composed with its live timeline, reply and note
 * composers and AI call (inbox), and its payments and payment link dialog (payments).
 */
import { useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { useParams } from "react-router";
import { Card, CardContent, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { useAuth } from "@/features/auth/hooks/use-auth";
import { ConversationTimeline } from "@/features/inbox/components/conversation-timeline";
import { MessageComposer } from "@/features/inbox/components/message-composer";
import { NoteComposer } from "@/features/inbox/components/note-composer";
import { StartCallButton } from "@/features/inbox/components/start-call-button";
import { useInboxRealtime } from "@/features/inbox/hooks/use-inbox-realtime";
import { LeadDetailPage } from "@/features/lead-admin/components/lead-detail-page";
import { useLeadConversation } from "@/features/lead-admin/hooks/use-lead";
import { leadDisplayName, type LeadDetail } from "@/features/lead-admin/lead-detail";
import { PaymentEntry } from "@/features/payments/components/payment-entry";
import { PaymentLinkDialog } from "@/features/payments/components/payment-link-dialog";
import { paymentLinkKeys, useLeadPayments } from "@/features/payments/hooks/use-payment-link";
import { resolveTimeZone } from "@/lib/format/time";

function LeadConversation({ lead, authorId, timeZone }: { lead: LeadDetail; authorId: string; timeZone: string }) {
  const conversation = useLeadConversation(lead.id);
  const payments = useLeadPayments(lead.id);
  const queryClient = useQueryClient();
  const conversationId = conversation.data;
  // Payment changes always add a note to the timeline, so a new message is the cue to refetch them.
  useInboxRealtime(
    useCallback(
      (changed: string) => {
        if (changed === conversationId) void queryClient.invalidateQueries({ queryKey: paymentLinkKeys.lead(lead.id) });
      },
      [conversationId, lead.id, queryClient],
    ),
  );
  if (conversation.status === "pending") return <PageLoading label="Loading the timeline…" />;
  if (conversation.status === "error") {
    return (
      <PageError title="The timeline could not be opened" onRetry={() => void conversation.refetch()}>
        {conversation.error.message} Check your connection, then try again.
      </PageError>
    );
  }
  const extra = (payments.data ?? []).map((payment) => ({
    key: `payment-${payment.id}`,
    at: payment.created_at,
    element: <PaymentEntry payment={payment} timeZone={timeZone} />,
  }));
  return (
    <>
      <Card aria-labelledby="timeline-title">
        <CardHeader>
          <CardTitle id="timeline-title">Timeline</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-3">
          {payments.status === "error" ? <p className="text-sm text-red-700">The payments could not be loaded: {payments.error.message}</p> : null}
          <ConversationTimeline conversationId={conversation.data} timeZone={timeZone} extra={extra} />
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>Message {leadDisplayName(lead)}</CardTitle>
        </CardHeader>
        <CardContent className="grid gap-6">
          <MessageComposer leadId={lead.id} conversationId={conversation.data} />
          <NoteComposer conversationId={conversation.data} authorId={authorId} />
        </CardContent>
      </Card>
    </>
  );
}

export function Component() {
  const { leadId } = useParams();
  const { session } = useAuth();
  const timeZone = resolveTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
  if (!leadId || !session) return <PageLoading />;
  return (
    <LeadDetailPage
      key={leadId}
      leadId={leadId}
      timeZone={timeZone}
      actions={(lead) => (
        <>
          <StartCallButton leadId={lead.id} name={leadDisplayName(lead)} />
          <PaymentLinkDialog to={{ payer: { leadId: lead.id }, name: leadDisplayName(lead), courseId: lead.course?.id ?? null }} />
        </>
      )}
    >
      {(lead) => <LeadConversation lead={lead} authorId={session.user.id} timeZone={timeZone} />}
    </LeadDetailPage>
  );
}
