/** /student/profile: the student's and their parent's contact (editable) and each person's channel consents. */
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from "@/components/ui/card";
import { PageError, PageLoading } from "@/components/ui/page-status";
import { useMyConsents, useMyProfile } from "../hooks/use-student-data";
import { viewerTimeZone } from "../hooks/use-viewer-time-zone";
import { ConsentChoices } from "./consent-choices";
import { ProfileForm } from "./profile-form";

function Profile({ userId }: { userId: string }) {
  const profile = useMyProfile(userId);
  const consents = useMyConsents(userId);
  const failed = profile.error ?? consents.error;
  if (failed) {
    return (
      <PageError title="Your profile could not be loaded" onRetry={() => { void profile.refetch(); void consents.refetch(); }}>
        {failed.message} Check your connection, then try again.
      </PageError>
    );
  }
  if (!profile.data || !consents.data) return <PageLoading label="Loading your profile…" />;
  const timeZone = viewerTimeZone(profile.data.timezone);
  return (
    <div className="grid gap-4">
      <Card aria-labelledby="contact">
        <CardHeader>
          <CardTitle id="contact">Contact details</CardTitle>
          <CardDescription>How the center reaches you and your parent.</CardDescription>
        </CardHeader>
        <CardContent>
          <ProfileForm profile={profile.data} />
        </CardContent>
      </Card>
      <Card aria-labelledby="consents">
        <CardHeader>
          <CardTitle id="consents">Messages we may send</CardTitle>
          <CardDescription>Tick the channels each of you accepts. Unticking one stops every message there, reminders included.</CardDescription>
        </CardHeader>
        <CardContent className="grid gap-6 sm:grid-cols-2">
          <ConsentChoices userId={userId} rows={consents.data} party="self" timeZone={timeZone} />
          <ConsentChoices userId={userId} rows={consents.data} party="parent" timeZone={timeZone} />
        </CardContent>
      </Card>
    </div>
  );
}

export function StudentProfilePage({ userId }: { userId: string }) {
  return (
    <div className="grid gap-4">
      <h1 className="text-2xl font-semibold">Profile</h1>
      <Profile userId={userId} />
    </div>
  );
}
