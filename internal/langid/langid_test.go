package langid

import "testing"

func TestDetect(t *testing.T) {
	tests := []struct{ text, want string }{
		{"The harbour board met on Tuesday evening to decide the fate of the old grain store, which has stood empty since the mill closed.", "en"},
		{"Der Hafenrat traf sich am Dienstagabend, um über das Schicksal des alten Getreidespeichers zu entscheiden, der seit Jahren leer steht.", "de"},
		{"Le conseil du port s'est réuni mardi soir pour décider du sort de l'ancien entrepôt à grains, vide depuis la fermeture du moulin.", "fr"},
		{"항만 위원회는 화요일 저녁에 모여 제분소가 문을 닫은 뒤로 비어 있던 오래된 곡물 창고의 운명을 결정했다.", "ko"},
		{"Too short.", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Detect(tt.text); got != tt.want {
			t.Errorf("Detect(%.30q) = %q, want %q", tt.text, got, tt.want)
		}
	}
}

func TestPrimary(t *testing.T) {
	for in, want := range map[string]string{"en-GB": "en", "EN_us": "en", "de": "de", " ko-KR ": "ko", "": ""} {
		if got := Primary(in); got != want {
			t.Errorf("Primary(%q) = %q, want %q", in, got, want)
		}
	}
	if !IsEnglish("en-US") || IsEnglish("de-DE") {
		t.Error("IsEnglish")
	}
}

func FuzzDetect(f *testing.F) {
	f.Add("The harbour board met on Tuesday evening.")
	f.Add("\xff\xfe broken")
	f.Fuzz(func(t *testing.T, s string) { Detect(s) })
}

func BenchmarkDetect(b *testing.B) {
	text := ""
	for len(text) < 8<<10 {
		text += "The harbour board met on Tuesday evening to decide the fate of the old grain store, which has stood empty since the mill closed. "
	}
	b.SetBytes(sample)
	for b.Loop() {
		Detect(text)
	}
}
